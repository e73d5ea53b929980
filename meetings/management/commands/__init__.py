"""extract_meetings, export_meetings, evaluate_extractor."""
