"""Settings for benchmark runs: the production settings, plus the bench app.

The bench app adds the floor page (bench/views.py) and the seed_bench
command. Nothing here changes how the product behaves: same middleware,
same templates, same database and cache configuration from the environment.
"""

from careervision.settings import *  # noqa: F403 -- the point: production settings as they are
from careervision.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"

# All simulated people sign in from 127.0.0.1, so the per-address limits
# would refuse them: 30 sign-ins a minute, and 10 attempts a minute that
# might fail (allauth counts every attempt while it runs and takes it back
# when the password was right, so ten sign-ins at once fill it).
# The per-account limits stay as they are.
ACCOUNT_RATE_LIMITS = {
    **ACCOUNT_RATE_LIMITS,  # noqa: F405
    "login": "600/m/ip",
    "login_failed": "600/m/ip,5/5m/key",
}
