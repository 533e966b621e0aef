"""One module per pipeline stage; each exposes run(doc, resources) -> doc."""
