# presence
