package dev.nudge.mail.template;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import liqp.TemplateContext;
import liqp.nodes.AtomNode;
import liqp.nodes.LNode;

/**
 * Liqp's {@code for} and {@code include} with two faults fixed. Liqp names a tag after its class's
 * simple name, so these nested classes are called {@code For} and {@code Include} to replace the
 * built-ins when registered.
 */
final class LiquidTags {
    /** Deepest nesting of partials; deeper is a partial including itself without end. */
    static final int MAX_INCLUDE_DEPTH = 10;

    private LiquidTags() {
    }

    /**
     * {@code for} over a range, {@code (1..n)}, computed the way Liquid does it: Liqp 0.9.1 gives
     * {@code forloop.length} one short (so {@code forloop.last} is true one item early and
     * {@code rindex} is off) and applies {@code limit} before {@code offset}
     * ({@code for i in (1..10) limit:3 offset:2} rendered {@code 3}, Liquid renders {@code 345}).
     * Liquid turns the range into an array first; so does this, then runs Liqp's array loop, which
     * is right. Ranges longer than {@code maxItems} are refused (the iteration limit would stop
     * them anyway, after building the array).
     */
    static final class For extends liqp.blocks.For {
        private final int maxItems;

        For(int maxItems) {
            this.maxItems = maxItems;
        }

        @Override
        public Object render(TemplateContext context, LNode... nodes) {
            if (asBoolean(nodes[0].render(context))) return super.render(context, nodes);
            // range nodes: [false, id, from, to, block, range text, reversed, attributes...]
            // array nodes: [true, id, items, block, else block, lookup text, reversed, attributes...]
            long from = asNumber(nodes[2].render(context)).longValue();
            long to = asNumber(nodes[3].render(context)).longValue();
            if (to - from + 1 > maxItems) {
                throw new IllegalArgumentException("the range (" + from + ".." + to + ") has " + (to - from + 1)
                        + " items; a loop may have at most " + maxItems);
            }
            List<Long> items = new ArrayList<>((int) Math.max(0, to - from + 1));
            for (long i = from; i <= to; i++) items.add(i);
            LNode[] asArray = nodes.clone();
            asArray[0] = new AtomNode(true);
            asArray[2] = new AtomNode(items);
            asArray[3] = nodes[4];
            asArray[4] = null;
            return super.render(context, asArray);
        }
    }

    /**
     * {@code include} that says which partial failed: an error inside {@code partials/footer}
     * carries that name out ({@link PartialFailure}), so the error names the partial's file and
     * line instead of the including template's; and a partial that includes itself stops at
     * {@link #MAX_INCLUDE_DEPTH} with an error instead of overflowing the stack.
     */
    static final class Include extends liqp.tags.Include {
        private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

        @Override
        public Object render(TemplateContext context, LNode... nodes) {
            String name = asString(nodes[0].render(context), context);
            int[] depth = DEPTH.get();
            if (depth[0] >= MAX_INCLUDE_DEPTH) {
                throw new TooDeep(name);
            }
            depth[0]++;
            try {
                return super.render(context, nodes);
            } catch (RuntimeException e) {
                throw new PartialFailure(name, e);
            } finally {
                depth[0]--;
            }
        }
    }

    /** An error raised while rendering the partial {@code name} (the cause says what and where). */
    static final class PartialFailure extends RuntimeException {
        final String name;

        PartialFailure(String name, Throwable cause) {
            super("in partial '" + name + "': " + cause.getMessage(), cause);
            this.name = name;
        }
    }

    /** Includes nested past {@link #MAX_INCLUDE_DEPTH}, at an include of partial {@code name}. */
    static final class TooDeep extends IllegalStateException {
        final String name;

        TooDeep(String name) {
            super("partials nest deeper than " + MAX_INCLUDE_DEPTH + " levels; does partial '" + name
                    + "' include itself without a condition that ends it?");
            this.name = name;
        }
    }

    /** The name resolver's answer for a partial that is not in the templates folder. */
    static final class PartialNotFound extends IOException {
        final String name;

        PartialNotFound(String name) {
            super("partial '" + name + "' not found: add partials/" + name + ".liquid (or .html) to the templates folder");
            this.name = name;
        }
    }
}
