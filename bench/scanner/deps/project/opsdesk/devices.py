"""Field devices: meter reads over Modbus, telemetry over MQTT, wake-on-LAN, clock checks."""
import memcache
import ntplib
import paho.mqtt.client as mqtt
import paho.mqtt.publish as mqtt_publish
from pymodbus.client import ModbusTcpClient
from wakeonlan import create_magic_packet, send_magic_packet

from . import config

cache = memcache.Client([config.MEMCACHED], socket_timeout=2)
ntp = ntplib.NTPClient()


def read_meter(unit):
    client = ModbusTcpClient(config.MODBUS_HOST, port=config.MODBUS_PORT, timeout=2)
    client.connect()
    try:
        reply = client.read_holding_registers(0, count=2, device_id=unit)
        return client.convert_from_registers(reply.registers, client.DATATYPE.UINT32)
    finally:
        client.close()


async def meter_reading(unit):
    key = f"meter:{unit}"
    cached = cache.get(key)  # io: network python-memcached
    if cached is not None:
        return cached
    value = read_meter(unit)  # io: network pymodbus
    cache.set(key, value, time=30)  # io: network python-memcached
    return value


async def forget_meter(unit):
    cache.delete(f"meter:{unit}")  # io: network python-memcached


async def tenant_cache(servers):
    client = memcache.Client(servers, socket_timeout=1)  # no-io: python-memcached
    return client


async def set_setpoint(unit, value):
    client = ModbusTcpClient(config.MODBUS_HOST, port=config.MODBUS_PORT, timeout=2)  # no-io: pymodbus
    if not client.connect():  # io: network pymodbus
        raise ConnectionError("PLC unreachable")
    client.write_register(10, value, device_id=unit)  # io: network pymodbus
    client.close()
    return {"unit": unit, "setpoint": value}


async def decode_registers(registers):
    return ModbusTcpClient.convert_from_registers(registers, ModbusTcpClient.DATATYPE.INT32)  # no-io: pymodbus


class Telemetry:
    """One MQTT session for the app's device commands."""

    def __init__(self):
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="opsdesk")

    def start(self):
        self.client.connect(config.MQTT_HOST, config.MQTT_PORT, keepalive=30)

    def command(self, device, payload):
        return self.client.publish(f"devices/{device}/cmd", payload, qos=0)

    def stop(self):
        self.client.disconnect()


telemetry = Telemetry()


async def start_telemetry():
    telemetry.start()  # io: network paho-mqtt


async def send_command(device, payload):
    info = telemetry.command(device, payload)  # io: network paho-mqtt
    return info.mid


async def stop_telemetry():
    telemetry.stop()  # io: network paho-mqtt


async def announce(topic, payload):
    mqtt_publish.single(topic, payload, hostname=config.MQTT_HOST, port=config.MQTT_PORT, qos=0)  # io: network paho-mqtt


async def topic_allowed(subscription, topic):
    return mqtt.topic_matches_sub(subscription, topic)  # no-io: paho-mqtt


async def device_session(name):
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=name)  # no-io: paho-mqtt
    client.username_pw_set(name, "token")  # no-io: paho-mqtt
    return client


async def wake_host(mac):
    send_magic_packet(mac, ip_address=config.WOL_BROADCAST, port=config.WOL_PORT)  # io: network wakeonlan
    return {"woken": mac}


async def magic_packet_hex(mac):
    return create_magic_packet(mac).hex()  # no-io: wakeonlan


async def clock_offset():
    reply = ntp.request(config.NTP_HOST, version=3, port=config.NTP_PORT, timeout=2)  # io: network ntplib
    return round(reply.offset, 3)


async def ntp_timestamp(unix_time):
    return ntplib.system_to_ntp_time(unix_time)  # no-io: ntplib


async def new_ntp_client():
    return ntplib.NTPClient()  # no-io: ntplib
