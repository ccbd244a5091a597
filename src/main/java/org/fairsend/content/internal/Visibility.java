package org.fairsend.content.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Whether an element is hidden from the reader by inline HTML: display:none, visibility:hidden, the
 * {@code hidden} attribute, mso-hide:all, opacity near 0, font-size 0 or 1px, zero height with overflow
 * hidden, or text in (nearly) the background's colour, on the element or any ancestor. Styles from
 * {@code <style>} sheets and classes are not evaluated.
 */
final class Visibility {

    private Visibility() {}

    private static final Pattern HEX = Pattern.compile("#([0-9a-f]{3}|[0-9a-f]{6})\\b");
    private static final Pattern RGB = Pattern.compile("rgba?\\(\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*(?:,\\s*([0-9.]+%?)\\s*)?\\)");
    private static final Pattern SIZE = Pattern.compile("^([0-9]*\\.?[0-9]+)\\s*(px|pt|em|rem|%|vw|vh)?$");
    private static final Map<String, int[]> NAMED = Map.ofEntries(Map.entry("white", rgb(255, 255, 255)),
            Map.entry("black", rgb(0, 0, 0)), Map.entry("red", rgb(255, 0, 0)), Map.entry("green", rgb(0, 128, 0)),
            Map.entry("blue", rgb(0, 0, 255)), Map.entry("yellow", rgb(255, 255, 0)), Map.entry("gray", rgb(128, 128, 128)),
            Map.entry("grey", rgb(128, 128, 128)), Map.entry("silver", rgb(192, 192, 192)), Map.entry("navy", rgb(0, 0, 128)),
            Map.entry("orange", rgb(255, 165, 0)), Map.entry("purple", rgb(128, 0, 128)), Map.entry("snow", rgb(255, 250, 250)),
            Map.entry("whitesmoke", rgb(245, 245, 245)), Map.entry("ivory", rgb(255, 255, 240)),
            Map.entry("ghostwhite", rgb(248, 248, 255)), Map.entry("floralwhite", rgb(255, 250, 240)),
            Map.entry("gainsboro", rgb(220, 220, 220)), Map.entry("lightgray", rgb(211, 211, 211)),
            Map.entry("lightgrey", rgb(211, 211, 211)), Map.entry("darkgray", rgb(169, 169, 169)),
            Map.entry("beige", rgb(245, 245, 220)), Map.entry("linen", rgb(250, 240, 230)));
    private static final int[] TRANSPARENT = new int[0];

    /**
     * Why the element cannot be seen, or empty when nothing in its inline styles hides it. The element is
     * hidden when it or an ancestor is, or when every piece of its text (and every image) is hidden.
     */
    static Optional<String> hiddenBecause(Element element) {
        Optional<String> own = chain(element);
        if (own.isPresent()) return own;
        boolean visibleImage = element.select("img[src]").stream().anyMatch(img -> chain(img).isEmpty());
        if (visibleImage) return Optional.empty();
        Optional<String> reason = Optional.empty();
        boolean anyText = false;
        for (Element holder : element.getAllElements()) {
            if (holder.ownText().isBlank()) continue;
            anyText = true;
            Optional<String> why = chain(holder).or(() -> colour(holder));
            if (why.isEmpty()) return Optional.empty();
            if (reason.isEmpty()) reason = why;
        }
        return anyText ? reason : Optional.of("it has no visible text");
    }

    private static Optional<String> chain(Element element) {
        for (Element e = element; e != null && !e.nodeName().equals("#root"); e = e.parent()) {
            if (e.hasAttr("hidden")) return Optional.of("it is inside an element with the hidden attribute");
            Map<String, String> style = style(e);
            String display = style.get("display");
            if ("none".equals(display)) return Optional.of("display:none");
            String visibility = style.get("visibility");
            if ("hidden".equals(visibility) || "collapse".equals(visibility)) return Optional.of("visibility:hidden");
            if ("all".equals(style.get("mso-hide"))) return Optional.of("mso-hide:all");
            Double opacity = number(style.get("opacity"));
            if (opacity != null && opacity <= 0.1) return Optional.of("opacity:" + style.get("opacity"));
            String fontSize = style.get("font-size");
            if (fontSize != null && tiny(fontSize)) return Optional.of("font-size:" + fontSize);
            if ("hidden".equals(style.get("overflow")) && (zero(style.get("height")) || zero(style.get("max-height"))
                    || zero(style.get("width")) || zero(style.get("max-width")))) {
                return Optional.of("zero size with overflow:hidden");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> colour(Element element) {
        int[] color = inherited(element, true);
        if (color == TRANSPARENT) return Optional.of("transparent text colour");
        if (color != null) {
            int[] bg = inherited(element, false);
            if (bg == null || bg == TRANSPARENT) bg = rgb(255, 255, 255);
            if (distance(color, bg) < 40) return Optional.of("text colour " + hex(color) + " on background " + hex(bg));
        }
        return Optional.empty();
    }

    /** A font size under 10px (but visible): legible only with effort. */
    static boolean small(Element element) {
        for (Element e = element; e != null && !e.nodeName().equals("#root"); e = e.parent()) {
            String fontSize = style(e).get("font-size");
            if (fontSize != null) {
                Matcher m = SIZE.matcher(fontSize.trim());
                if (!m.matches()) return false;
                double v = Double.parseDouble(m.group(1));
                String unit = m.group(2) == null ? "px" : m.group(2);
                return switch (unit) {
                    case "px" -> v < 10;
                    case "pt" -> v < 7.5;
                    case "em", "rem" -> v < 0.65;
                    case "%" -> v < 65;
                    default -> false;
                };
            }
        }
        return false;
    }

    private static boolean tiny(String size) {
        Matcher m = SIZE.matcher(size.trim());
        if (!m.matches()) return false;
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "px" : m.group(2);
        return switch (unit) {
            case "px", "pt" -> v <= 1;
            case "em", "rem" -> v <= 0.1;
            case "%" -> v <= 10;
            default -> v == 0;
        };
    }

    private static boolean zero(String size) {
        if (size == null) return false;
        Matcher m = SIZE.matcher(size.trim());
        return m.matches() && Double.parseDouble(m.group(1)) == 0;
    }

    private static int[] inherited(Element element, boolean foreground) {
        for (Element e = element; e != null && !e.nodeName().equals("#root"); e = e.parent()) {
            Map<String, String> style = style(e);
            String value;
            if (foreground) {
                value = style.get("color");
                if (value == null && e.nodeName().equals("font")) value = e.attr("color");
            } else {
                value = style.getOrDefault("background-color", style.get("background"));
                if (value == null && e.hasAttr("bgcolor")) value = e.attr("bgcolor");
            }
            if (value != null && !value.isBlank()) {
                int[] c = color(value);
                if (c != null) {
                    if (!foreground && c == TRANSPARENT) continue; // a transparent background shows its parent's
                    return c;
                }
            }
        }
        return null;
    }

    static Map<String, String> style(Element e) {
        Map<String, String> m = new LinkedHashMap<>();
        String style = e.attr("style");
        if (style.isEmpty()) return m;
        for (String decl : style.split(";")) {
            int colon = decl.indexOf(':');
            if (colon <= 0) continue;
            String key = decl.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = decl.substring(colon + 1).toLowerCase(Locale.ROOT).replace("!important", "").trim();
            m.put(key, value);
        }
        return m;
    }

    static int[] color(String value) {
        String v = value.toLowerCase(Locale.ROOT).trim();
        if (v.contains("transparent")) return TRANSPARENT;
        Matcher h = HEX.matcher(v);
        if (h.find()) {
            String x = h.group(1);
            if (x.length() == 3) x = "" + x.charAt(0) + x.charAt(0) + x.charAt(1) + x.charAt(1) + x.charAt(2) + x.charAt(2);
            return rgb(Integer.parseInt(x.substring(0, 2), 16), Integer.parseInt(x.substring(2, 4), 16), Integer.parseInt(x.substring(4, 6), 16));
        }
        Matcher r = RGB.matcher(v);
        if (r.find()) {
            if (r.group(4) != null) {
                String a = r.group(4);
                double alpha = a.endsWith("%") ? Double.parseDouble(a.substring(0, a.length() - 1)) / 100 : Double.parseDouble(a);
                if (alpha <= 0.1) return TRANSPARENT;
            }
            return rgb(Math.min(255, Integer.parseInt(r.group(1))), Math.min(255, Integer.parseInt(r.group(2))),
                    Math.min(255, Integer.parseInt(r.group(3))));
        }
        for (String word : v.split("[\\s,]+")) {
            int[] named = NAMED.get(word);
            if (named != null) return named;
        }
        return null;
    }

    private static Double number(String v) {
        if (v == null) return null;
        try {
            return v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100 : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int[] rgb(int r, int g, int b) {
        return new int[] {r, g, b};
    }

    private static double distance(int[] a, int[] b) {
        double dr = a[0] - b[0], dg = a[1] - b[1], db = a[2] - b[2];
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    private static String hex(int[] c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c[0], c[1], c[2]);
    }
}
