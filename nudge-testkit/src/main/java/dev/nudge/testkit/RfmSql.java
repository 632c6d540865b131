package dev.nudge.testkit;

import java.nio.file.Path;

/**
 * The independent SQL statement of the RFM rules (docs/intelligence.md), over the raw Online Retail
 * CSV, for DuckDB. Written from the documentation, not from the Java code: cleaning, measures,
 * RANK-based scores and the R × FM grid are each restated here.
 * Shared by nudge-core's and nudge-server's tests through nudge-testkit, a plain module rather than a
 * test-jar, so a build that skips tests ({@code ./nudge serve}'s first build) still resolves it.
 */
public final class RfmSql {

    private RfmSql() {}

    public static String groupSizes(Path csv, int bins) {
        return "SELECT grp, COUNT(*) AS n FROM (" + scores(csv, bins) + ") GROUP BY grp";
    }

    /** customer, r, f, m, grp for every scored customer. */
    public static String scores(Path csv, int bins) {
        String file = csv.toAbsolutePath().toString().replace("'", "''");
        return """
            WITH raw AS (
              SELECT * FROM read_csv('%s', header = true, all_varchar = true)
            ), lines AS (
              SELECT InvoiceNo AS invoice, CustomerID AS customer,
                     CAST(Quantity AS DOUBLE) * CAST(UnitPrice AS DOUBLE) AS amount,
                     CAST(InvoiceDate AS TIMESTAMP) AS ts
              FROM raw WHERE CustomerID IS NOT NULL AND CustomerID <> '' AND CustomerID <> 'NA'
            ), invoices AS (
              SELECT invoice, customer, ROUND(SUM(amount), 2) AS revenue, MIN(ts) AS ts,
                     starts_with(invoice, 'C') AS refund
              FROM lines GROUP BY invoice, customer
            ), analysis AS (
              SELECT CAST(MAX(ts) AS DATE) + 1 AS day FROM invoices WHERE NOT refund
            ), customers AS (
              SELECT customer,
                     (SELECT day FROM analysis) - MAX(CAST(ts AS DATE)) FILTER (WHERE NOT refund) AS recency,
                     COUNT(DISTINCT invoice) FILTER (WHERE NOT refund) AS frequency,
                     ROUND(SUM(revenue), 2) AS monetary
              FROM invoices GROUP BY customer
              HAVING COUNT(*) FILTER (WHERE NOT refund) > 0
            ), scored AS (
              SELECT customer,
                     1 + floor(%2$d * (RANK() OVER (ORDER BY recency DESC) - 1) / COUNT(*) OVER ()) AS r,
                     1 + floor(%2$d * (RANK() OVER (ORDER BY frequency ASC) - 1) / COUNT(*) OVER ()) AS f,
                     1 + floor(%2$d * (RANK() OVER (ORDER BY monetary ASC) - 1) / COUNT(*) OVER ()) AS m
              FROM customers
            ), five AS (
              SELECT customer, floor(1.5 + (r - 1) * 4.0 / (%2$d - 1)) AS r5,
                     floor((floor(1.5 + (f - 1) * 4.0 / (%2$d - 1)) + floor(1.5 + (m - 1) * 4.0 / (%2$d - 1)) + 1) / 2) AS fm
              FROM scored
            )
            SELECT customer, r, f, m, CASE
                     WHEN r5 = 5 AND fm = 1 THEN 'New'
                     WHEN r5 = 4 AND fm = 1 THEN 'Promising'
                     WHEN r5 >= 4 AND fm IN (2, 3) THEN 'Potential Loyalist'
                     WHEN r5 >= 4 AND fm = 5 THEN 'Champions'
                     WHEN r5 >= 3 AND fm >= 4 THEN 'Loyal'
                     WHEN r5 = 3 AND fm = 3 THEN 'Need Attention'
                     WHEN r5 = 3 THEN 'About to Sleep'
                     WHEN fm = 5 THEN 'Can''t Lose'
                     WHEN fm >= 3 THEN 'At Risk'
                     WHEN r5 = 2 THEN 'Hibernating'
                     ELSE 'Lost'
                   END AS grp
            FROM five JOIN scored USING (customer)
            """.formatted(file, bins);
    }
}
