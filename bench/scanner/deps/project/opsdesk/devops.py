"""GitLab issues, Jenkins jobs, NetBox inventory and the ERP's SOAP stock service."""
import gitlab
import jenkins
import pynetbox
from suds.client import Client as SoapClient

from . import config


class Forge:
    """The GitLab side: one client for the app, projects looked up by path."""

    def __init__(self):
        self.gl = gitlab.Gitlab(config.GITLAB_URL, private_token=config.GITLAB_TOKEN, timeout=10)

    def project(self, path):
        return self.gl.projects.get(path)

    def open_issue(self, path, title, body, labels=("incident",)):
        project = self.gl.projects.get(path, lazy=True)
        return project.issues.create({"title": title, "description": body, "labels": list(labels)})


forge = Forge()
ci = jenkins.Jenkins(config.JENKINS_URL, username=config.JENKINS_USER, password=config.JENKINS_TOKEN, timeout=10)
nb = pynetbox.api(config.NETBOX_URL, token=config.NETBOX_TOKEN)


async def report_incident(path, title, body):
    issue = forge.open_issue(path, title, body)  # io: http python-gitlab
    return {"iid": issue.iid, "url": issue.web_url}


async def project_summary(path):
    project = forge.project(path)  # io: http python-gitlab
    return {"id": project.id, "name": project.name, "default_branch": project.default_branch}


async def project_handle(path):
    project = forge.gl.projects.get(path, lazy=True)  # no-io: python-gitlab
    return project.get_id()


async def gitlab_version():
    gl = gitlab.Gitlab.from_config("ops", [config.GITLAB_CFG])  # io: filesystem python-gitlab
    version, revision = gl.version()  # io: http python-gitlab
    return {"version": version, "revision": revision}


async def trigger_deploy(job, params):
    url = ci.build_job_url(job, params)  # no-io: python-jenkins
    queue_id = ci.build_job(job, params)  # io: http python-jenkins
    return {"queued": queue_id, "url": url}


async def job_health(job):
    info = ci.get_job_info(job)  # io: http python-jenkins
    return info.get("color", "notbuilt")


async def ci_version(url):
    server = jenkins.Jenkins(url, timeout=5)  # no-io: python-jenkins
    return server.get_version()  # io: http python-jenkins


async def device_record(name):
    device = nb.dcim.devices.get(name=name)  # io: http pynetbox
    return {"name": device.name, "status": str(device.status)} if device else None


async def devices_at(site):
    devices = nb.dcim.devices.filter(site=site)  # no-io: pynetbox
    return sorted(device.name for device in devices)  # io: http pynetbox


async def netbox_status():
    return nb.status()  # io: http pynetbox


async def tenant_api(url, token):
    api = pynetbox.api(url, token=token)  # no-io: pynetbox
    return api.base_url


def inventory():
    return SoapClient(config.INVENTORY_WSDL, timeout=10)


async def stock_level(sku):
    client = inventory()  # io: http suds-community
    return int(client.service.GetStock(sku))  # io: http suds-community


async def stock_request(client, sku, quantity):
    request = client.factory.create("StockRequest")  # no-io: suds-community
    request.sku = sku
    request.quantity = quantity
    return client.dict(request)  # no-io: suds-community
