"""write/documents"""
