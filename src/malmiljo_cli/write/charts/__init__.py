"""write/charts"""
