package dev.ticketing.local.paypal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The mock's stand-in for PayPal's checkout page: what is being paid, and Approve / Cancel buttons that post
 * to the buyer script endpoints. The form actions are relative, so the page works under any host name.
 */
final class CheckoutPage {
    private CheckoutPage() {
    }

    static String render(JsonNode order) {
        String id = order.path("id").asText();
        JsonNode unit = order.path("purchase_units").path(0);
        String amount = unit.path("amount").path("value").asText() + " " + unit.path("amount").path("currency_code").asText();
        String status = order.path("status").asText();
        boolean open = "CREATED".equals(status) || "PAYER_ACTION_REQUIRED".equals(status);
        StringBuilder html = new StringBuilder()
                .append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Mock PayPal checkout</title>")
                .append("<style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto}")
                .append("button{font-size:1.1rem;padding:.5rem 1.5rem;margin-right:1rem}</style></head><body>\n")
                .append("<h1>Mock PayPal</h1>\n")
                .append("<p>Pay <strong id=\"amount\">").append(escape(amount)).append("</strong></p>\n")
                .append("<dl><dt>Order</dt><dd id=\"order\">").append(escape(id)).append("</dd>")
                .append("<dt>Reference</dt><dd>").append(escape(unit.path("reference_id").asText(""))).append("</dd>")
                .append("<dt>Status</dt><dd id=\"status\">").append(escape(status)).append("</dd></dl>\n");
        if (open) {
            html.append(form(id, "approve", "Approve"))
                    .append(form(id, "cancel", "Cancel"));
        } else {
            html.append("<p>This order is ").append(escape(status)).append(" and needs nothing more from the buyer.</p>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** Shown after a button when the order has no return or cancel URL to go back to. */
    static String result(String title, String text) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1><p>" + escape(text) + "</p></body></html>\n";
    }

    private static String form(String orderId, String action, String label) {
        return "<form method=\"post\" action=\"orders/" + escape(orderId) + "/" + action + "\" style=\"display:inline\">"
                + "<button type=\"submit\" id=\"" + action + "\">" + label + "</button></form>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
