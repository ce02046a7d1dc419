"""vndiplo: Vietnamese diplomatic news articles in, versioned Parquet dataset releases out."""

import os
import sys
from importlib.metadata import PackageNotFoundError, version

# pyarrow's allocator, chosen once for the whole process when pyarrow is first imported (so it is set here,
# before any module of the package imports pyarrow): jemalloc, which gives freed memory back, instead of
# the default mimalloc, which kept what publishing's passes over the corpus had freed. Publishing the 31,806
# baomoi articles in-process from a kept run folder peaked 306-318 MiB above its start with mimalloc, 201-216
# with jemalloc and 247-253 with the system allocator, in the same time; `vndiplo run` peaked about 70 MiB lower
# at 10,000 and at 31,806 articles (docs/performance-log.md, "pyarrow's allocator"). A value already in the
# environment wins; pyarrow's Windows wheels have no jemalloc.
if sys.platform != "win32":
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")

try:
    __version__ = version("vndiplo")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
