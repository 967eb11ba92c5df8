"""write/terminal"""
