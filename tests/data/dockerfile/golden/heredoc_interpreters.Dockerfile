FROM python:3.12
RUN python3 <<PY
import os
print(os.getcwd())
PY
RUN bash <<SH
set -o pipefail
curl x | sh
SH
RUN <<EOF
#!/usr/bin/env python3
print(1)
EOF
RUN <<EOF
#!/bin/bash
apt-get update
EOF
