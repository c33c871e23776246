"""Frontends: ONNX models into the tg dialect (`onnx.py`), and an onnx.backend implementation."""
