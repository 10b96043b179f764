"""Charts and maps: plotly charts, boundary files and folium maps, SVG maps for printed reports, and
the offline folium wrapper with the vendored Leaflet and plotly.js (`assets/`).

Heavy libraries (plotly, geopandas, folium) load only with the module that uses them; this file
re-exports nothing.
"""
