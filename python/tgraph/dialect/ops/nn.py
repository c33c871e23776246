"""Neural-network ops: convolutions and pooling."""

__all__: list[str] = []
