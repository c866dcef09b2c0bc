/// Open Badges 3.0, VC 2.0 and CLR 2.0 models, JSON Schema validation and baking into PNG/SVG images.
public enum OpenBadges {}
