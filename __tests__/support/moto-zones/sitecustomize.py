# Loaded by the moto server a test starts with this directory on PYTHONPATH (see moto-zones.ts).
# moto lists fixed, always-available zones and ignores the opt-in-status filter; this lets a test
# change what the region reports while the server runs: zones marked impaired, and extra zones
# (a Local Zone that the account opted into). The file named by MOTO_ZONES_FILE is read on every call:
#   {"impaired": ["us-west-2a"], "add": [{"name": "us-west-2-lax-1a", "zone_id": "usw2-lax1-az1",
#    "zone_type": "local-zone", "opt_in_status": "opted-in"}]}
import json
import os

try:
    from moto.ec2.models.availability_zones_and_regions import RegionsAndZonesBackend, Zone
    from moto.utilities.utils import filter_resources
except ImportError:  # not moto's interpreter: nothing to patch
    RegionsAndZonesBackend = None

if RegionsAndZonesBackend is not None:
    PAIRS = (
        ("zone-id", "zone_id"),
        ("zone-type", "zone_type"),
        ("zone-name", "name"),
        ("region-name", "region_name"),
        ("state", "state"),
        ("opt-in-status", "opt_in_status"),
    )

    def _spec():
        path = os.environ.get("MOTO_ZONES_FILE")
        if not path or not os.path.exists(path):
            return {}
        with open(path) as f:
            return json.load(f)

    def describe_availability_zones(self, filters=None, zone_names=None, zone_ids=None):
        spec = _spec()
        zones = []
        for base in self.zones.get(self.region_name, []):
            zone = Zone(region_name=base.region_name, name=base.name, zone_id=base.zone_id, zone_type=base.zone_type)
            zone.state = "impaired" if base.name in spec.get("impaired", []) else "available"
            zone.opt_in_status = "opt-in-not-required"
            zones.append(zone)
        for extra in spec.get("add", []):
            if not extra["name"].startswith(self.region_name):
                continue
            zone = Zone(region_name=self.region_name, name=extra["name"], zone_id=extra["zone_id"], zone_type=extra.get("zone_type", "availability-zone"))
            zone.opt_in_status = extra.get("opt_in_status", "opt-in-not-required")
            zones.append(zone)
        result = filter_resources(zones, filters, PAIRS) if filters else zones
        result = [z for z in result if not zone_ids or z.zone_id in zone_ids]
        result = [z for z in result if not zone_names or z.name in zone_names]
        return sorted(result, key=lambda z: z.name)

    RegionsAndZonesBackend.describe_availability_zones = describe_availability_zones
