"""vndiplo: Vietnamese diplomatic news articles in, versioned Parquet dataset releases out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("vndiplo")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
