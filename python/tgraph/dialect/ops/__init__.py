"""The op declarations of the `tg` dialect, one module per op family."""

from .elementwise import *  # noqa: F401,F403
from .math import *  # noqa: F401,F403
from .logic import *  # noqa: F401,F403
from .contraction import *  # noqa: F401,F403
from .layout import *  # noqa: F401,F403
from .reduction import *  # noqa: F401,F403
from .nn import *  # noqa: F401,F403
