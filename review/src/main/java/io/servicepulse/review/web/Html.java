// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.web;

import java.util.regex.Pattern;
import org.owasp.encoder.Encode;

/**
 * Writes HTML where every piece of text and every attribute value is escaped (OWASP Encoder): user
 * text cannot become markup. Tag and attribute names are the code's own constants, checked.
 */
public final class Html {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  private final StringBuilder out = new StringBuilder(4096);

  /** {@code <tag name="value" ...>}; {@code attrs} are name, value pairs; null values skipped. */
  public Html open(String tag, String... attrs) {
    out.append('<').append(name(tag));
    attributes(attrs);
    out.append('>');
    return this;
  }

  /** A tag without content or end tag ({@code input}, {@code meta}, {@code br}). */
  public Html empty(String tag, String... attrs) {
    return open(tag, attrs);
  }

  public Html close(String tag) {
    out.append("</").append(name(tag)).append('>');
    return this;
  }

  /** Escaped text. */
  public Html text(String text) {
    out.append(Encode.forHtml(text == null ? "" : text));
    return this;
  }

  /** {@code <tag attrs>text</tag>}. */
  public Html el(String tag, String text, String... attrs) {
    return open(tag, attrs).text(text).close(tag);
  }

  /** A hidden form field. */
  public Html hidden(String name, String value) {
    return empty("input", "type", "hidden", "name", name, "value", value);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void attributes(String[] attrs) {
    if (attrs.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    for (int i = 0; i < attrs.length; i += 2) {
      if (attrs[i + 1] == null) {
        continue;
      }
      out.append(' ')
          .append(name(attrs[i]))
          .append("=\"")
          .append(Encode.forHtmlAttribute(attrs[i + 1]))
          .append('"');
    }
  }

  private static String name(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a tag or attribute name: " + name);
    }
    return name;
  }
}
