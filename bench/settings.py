"""Settings for benchmark runs: the production settings, plus the bench app.

The bench app adds the floor page (bench/views.py) and the seed_bench
command. Nothing here changes how the product behaves: same middleware,
same templates, same database and cache configuration from the environment.
"""

from careervision.settings import *  # noqa: F403 -- the point: production settings as they are
from careervision.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"

# All simulated people sign in from 127.0.0.1: the per-address limit on
# sign-ins (30 a minute) would refuse the 31st of them. Per-account limits stay.
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login": "600/m/ip"}  # noqa: F405
