package org.fairsend.content;

import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The text part of an email derived from its HTML: paragraphs and blocks separated by a blank line, line
 * breaks kept, list items as "- item" (numbered in ordered lists), links as {@code text (url)}, images by
 * their alt text, headings on their own line; scripts, styles and elements hidden with display:none are
 * left out. Jinja placeholders ({@code {{ unsubscribe_url }}}) are kept as written, to be rendered later.
 */
public final class TextFromHtml {

    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "header", "footer", "main", "aside",
            "nav", "blockquote", "table", "tbody", "thead", "tfoot", "form", "center", "address", "figure", "figcaption",
            "pre", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol");
    private static final Set<String> LINES = Set.of("tr", "li", "dt", "dd", "hr");
    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "template", "noscript", "title");

    private TextFromHtml() {}

    public static String derive(String html) {
        if (html == null || html.isBlank()) return "";
        Document doc = Jsoup.parse(html);
        StringBuilder out = new StringBuilder();
        walk(doc.body(), out);
        return tidy(out.toString());
    }

    private static void walk(Node node, StringBuilder out) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode t) {
                String text = t.getWholeText().replaceAll("[\\s\\u00a0]+", " ");
                if (inPre(t)) text = t.getWholeText();
                out.append(text);
            } else if (child instanceof Element e) {
                element(e, out);
            }
        }
    }

    private static void element(Element e, StringBuilder out) {
        String tag = e.normalName();
        if (SKIPPED.contains(tag) || hidden(e)) return;
        switch (tag) {
            case "br" -> out.append('\n');
            case "hr" -> out.append("\n----\n");
            case "img" -> {
                String alt = e.attr("alt").strip();
                if (!alt.isEmpty()) out.append(alt);
            }
            case "a" -> {
                StringBuilder inner = new StringBuilder();
                walk(e, inner);
                String text = inner.toString().replaceAll("\\s+", " ").strip();
                String href = e.attr("href").strip();
                boolean linkable = !href.isEmpty() && !href.startsWith("#") && !href.toLowerCase(Locale.ROOT).startsWith("javascript:");
                String shown = href.toLowerCase(Locale.ROOT).startsWith("mailto:") ? href.substring(7) : href;
                if (!linkable) out.append(text);
                else if (text.isEmpty()) out.append(shown);
                else if (text.equals(shown) || text.equals(href)) out.append(text);
                else out.append(text).append(" (").append(shown).append(')');
            }
            case "li" -> {
                out.append('\n');
                Element parent = e.parent();
                if (parent != null && parent.normalName().equals("ol")) {
                    int n = 1;
                    for (Element s = e.previousElementSibling(); s != null; s = s.previousElementSibling()) if (s.normalName().equals("li")) n++;
                    out.append(n).append(". ");
                } else {
                    out.append("- ");
                }
                walk(e, out);
            }
            case "td", "th" -> {
                walk(e, out);
                out.append(' ');
            }
            default -> {
                boolean block = BLOCKS.contains(tag);
                boolean line = LINES.contains(tag);
                if (block) out.append("\n\n");
                else if (line) out.append('\n');
                walk(e, out);
                if (block) out.append("\n\n");
                else if (line) out.append('\n');
            }
        }
    }

    private static boolean hidden(Element e) {
        String style = e.attr("style").toLowerCase(Locale.ROOT).replace(" ", "");
        return e.hasAttr("hidden") || style.contains("display:none") || style.contains("mso-hide:all");
    }

    private static boolean inPre(TextNode t) {
        for (Node p = t.parent(); p != null; p = p.parent()) if (p instanceof Element e && e.normalName().equals("pre")) return true;
        return false;
    }

    private static String tidy(String s) {
        StringBuilder out = new StringBuilder();
        int blank = 0;
        for (String line : s.split("\n", -1)) {
            String l = line.replaceAll("[ \\t]+", " ").strip();
            if (l.isEmpty()) {
                blank++;
                continue;
            }
            if (out.length() > 0) out.append(blank > 0 ? "\n\n" : "\n");
            out.append(l);
            blank = 0;
        }
        return out.toString();
    }
}
