"""The protocol document: loading it with positions, its data model, walking it, writing it."""
