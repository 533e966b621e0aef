"""Statistical named-entity tagging (PER, ORG, LOC) with a CRF trained on NewsFANE Gold.

Use `khabar.ner.tagger.load_tagger(resources)`; `khabar.ner.train` trains and scores the model.
"""
