"""write/data"""
