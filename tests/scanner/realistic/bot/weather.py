import logging
import time
from dataclasses import dataclass

import requests

log = logging.getLogger(__name__)
API = "https://api.weather.example/v1/current"


@dataclass
class Weather:
    city: str
    temp_c: float
    summary: str


class WeatherClient:
    def __init__(self, api_key: str, session: requests.Session | None = None):
        self.api_key = api_key
        self.http = session or requests.Session()

    def current(self, city: str) -> Weather:
        for attempt in range(3):
            try:
                r = self.http.get(API, params={"q": city, "key": self.api_key}, timeout=5)
                r.raise_for_status()
                data = r.json()
                return Weather(city, data["temp_c"], data["summary"])
            except requests.RequestException:
                log.warning("weather attempt %d failed", attempt)
                time.sleep(2 ** attempt)
        raise RuntimeError("weather service unavailable")
