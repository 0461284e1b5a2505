"""Settings from the environment; the defaults are the production names."""
import os

env = os.environ.get

SOLR_URL = env("OPSDESK_SOLR_URL", "http://solr.internal:8983/solr/tickets")
SOLR_REPLICA_URL = env("OPSDESK_SOLR_REPLICA_URL", "http://solr-replica.internal:8983/solr/tickets")
GEOCODER_DOMAIN = env("OPSDESK_GEOCODER_DOMAIN", "nominatim.internal")
GEOCODER_SCHEME = env("OPSDESK_GEOCODER_SCHEME", "https")
STATUS_URL = env("OPSDESK_STATUS_URL", "https://status.internal/api/v2/status.json")
HTTP_CACHE_DIR = env("OPSDESK_HTTP_CACHE_DIR", "/var/cache/opsdesk/http")

GITLAB_URL = env("OPSDESK_GITLAB_URL", "https://gitlab.internal")
GITLAB_TOKEN = env("OPSDESK_GITLAB_TOKEN", "")
GITLAB_CFG = env("OPSDESK_GITLAB_CFG", "/etc/opsdesk/python-gitlab.cfg")
JENKINS_URL = env("OPSDESK_JENKINS_URL", "https://ci.internal")
JENKINS_USER = env("OPSDESK_JENKINS_USER", "opsdesk")
JENKINS_TOKEN = env("OPSDESK_JENKINS_TOKEN", "")
NETBOX_URL = env("OPSDESK_NETBOX_URL", "https://netbox.internal")
NETBOX_TOKEN = env("OPSDESK_NETBOX_TOKEN", "")
INVENTORY_WSDL = env("OPSDESK_INVENTORY_WSDL", "http://erp.internal/inventory?wsdl")

MEMCACHED = env("OPSDESK_MEMCACHED", "memcached.internal:11211")
MQTT_HOST = env("OPSDESK_MQTT_HOST", "mqtt.internal")
MQTT_PORT = int(env("OPSDESK_MQTT_PORT", "1883"))
MODBUS_HOST = env("OPSDESK_MODBUS_HOST", "plc-1.internal")
MODBUS_PORT = int(env("OPSDESK_MODBUS_PORT", "502"))
NTP_HOST = env("OPSDESK_NTP_HOST", "ntp.internal")
NTP_PORT = int(env("OPSDESK_NTP_PORT", "123"))
WOL_BROADCAST = env("OPSDESK_WOL_BROADCAST", "10.20.255.255")
WOL_PORT = int(env("OPSDESK_WOL_PORT", "9"))
SMTP_HOST = env("OPSDESK_SMTP_HOST", "smtp.internal")
SMTP_PORT = int(env("OPSDESK_SMTP_PORT", "25"))

REPO_DIR = env("OPSDESK_REPO_DIR", "/srv/opsdesk/config-repo")
NMAP_PATH = env("OPSDESK_NMAP_PATH", "/usr/bin/nmap")

DATA_DIR = env("OPSDESK_DATA_DIR", "/var/lib/opsdesk")
AUDIT_DB = os.path.join(DATA_DIR, "audit.json")
CACHE_DIR = os.path.join(DATA_DIR, "cache")
SESSIONS_DB = os.path.join(DATA_DIR, "sessions.sqlite")
FEATURES_TOML = os.path.join(DATA_DIR, "features.toml")
ALERTS_INI = os.path.join(DATA_DIR, "alerts.ini")
ENV_FILE = os.path.join(DATA_DIR, "site.env")
DEPLOY_LOCK = os.path.join(DATA_DIR, "deploy.lock")
