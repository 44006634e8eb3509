"""Write N generated facts as JSON Lines to FILE, unless FILE exists.

Usage: python generate.py N FILE   (prints one JSON line)
"""

import json
import sys
from pathlib import Path

import common

if __name__ == "__main__":
    path = common.write_jsonl(int(sys.argv[1]), Path(sys.argv[2]))
    print(json.dumps({"file": str(path), "bytes": path.stat().st_size}))
