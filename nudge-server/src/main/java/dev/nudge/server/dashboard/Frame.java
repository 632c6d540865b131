package dev.nudge.server.dashboard;

/**
 * What every dashboard page's layout needs: the title, the active section of the navigation, the
 * session's CSRF token (null on the login page) and the asset URLs. Public only because the
 * compiled templates live in jte's own package.
 */
public record Frame(String title, String active, String csrf, String css, String js, String htmx, String uplot, String uplotCss) {
    public boolean loggedIn() {
        return csrf != null;
    }
}
