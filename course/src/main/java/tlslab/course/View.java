package tlslab.course;

/**
 * Something a notebook shows: HTML for Jupyter (rendered by {@link CourseExtension}) and plain
 * text everywhere else (toString), e.g. a message explained field by field.
 */
public record View(String html, String text) {

    public static View message(String cssClassFreeTitle, String body) {
        return new View("<p><b>" + Html.escape(cssClassFreeTitle) + "</b> " + Html.escape(body) + "</p>",
                cssClassFreeTitle + " " + body);
    }

    @Override
    public String toString() {
        return text;
    }
}
