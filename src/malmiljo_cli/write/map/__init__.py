"""write/map"""
