"""What the tagger learns from labelled articles: folds, features, models.

Everything here is plain Python (scikit-learn, numpy), never Django, so a
model can be trained, scored and inspected from the command line.
"""
