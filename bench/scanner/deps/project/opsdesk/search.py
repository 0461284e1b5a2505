"""Ticket search (Solr), site geocoding (Nominatim) and the status page."""
import json

import httplib2
import pysolr
from geopy.distance import geodesic
from geopy.geocoders import Nominatim

from . import config

solr = pysolr.Solr(config.SOLR_URL, timeout=10)
status_http = httplib2.Http(timeout=5)


def geocoder():
    return Nominatim(user_agent="opsdesk/2.3", domain=config.GEOCODER_DOMAIN, scheme=config.GEOCODER_SCHEME, timeout=5)


def index_ticket(ticket):
    doc = {"id": ticket["id"], "title": ticket["title"], "body": ticket.get("body", "")}
    solr.add([doc], commit=True)


async def search_tickets(text, rows=20):
    query = pysolr.sanitize(text)  # no-io: pysolr
    results = solr.search(f"title:({query})", rows=rows)  # io: http pysolr
    return [doc["id"] for doc in results]


async def create_ticket(ticket):
    index_ticket(ticket)  # io: http pysolr
    return {"id": ticket["id"], "indexed": True}


async def close_ticket(ticket_id):
    solr.delete(id=ticket_id, commit=True)  # io: http pysolr
    return {"id": ticket_id, "closed": True}


async def replica_healthy():
    replica = pysolr.Solr(config.SOLR_REPLICA_URL, timeout=2)  # no-io: pysolr
    return "OK" in replica.ping()  # io: http pysolr


async def locate_site(address):
    location = geocoder().geocode(address)  # io: http geopy
    if location is None:
        return None
    return {"lat": location.latitude, "lon": location.longitude}


async def nearest_site(address, sites):
    geo = geocoder()  # no-io: geopy
    here = geo.geocode(address, exactly_one=True)  # io: http geopy
    origin = (here.latitude, here.longitude)
    return min(sites, key=lambda site: geodesic(origin, site["coords"]).km)


async def site_distance(a, b):
    return round(geodesic(a, b).km, 1)  # no-io: geopy


async def describe_point(lat, lon):
    place = geocoder().reverse((lat, lon), exactly_one=True)  # io: http geopy
    return place.address if place else None


async def status_page():
    resp, body = status_http.request(config.STATUS_URL, "GET")  # io: http httplib2
    if resp.status != 200:
        return {"status": "unknown"}
    return json.loads(body)


async def fetch_with_cache(url):
    http = httplib2.Http(config.HTTP_CACHE_DIR, timeout=5)  # io: filesystem httplib2
    resp, body = http.request(url, "GET")  # io: http httplib2
    return resp.fromcache, body


async def authorised_client(user, password):
    http = httplib2.Http(timeout=5)  # no-io: httplib2
    http.add_credentials(user, password)  # no-io: httplib2
    return http
