# Sourced by the comparison scripts: a virtualenv with Python Hera 7.1.0
# (the version every figure in the notes was measured against) in $venv.
venv="${HERA_VENV:-target/hera-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "hera[yaml]==7.1.0"
fi
