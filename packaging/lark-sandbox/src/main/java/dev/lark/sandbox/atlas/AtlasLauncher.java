package dev.lark.sandbox.atlas;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Main class of the Atlas JVM: makes Atlas 2.1.0 start on Java 17, then hands over to
 * {@code org.apache.atlas.Atlas.main}.
 *
 * <p>Atlas's {@code AtlasJanusGraphDatabase.addHBase2Support} clears {@code Field.modifiers} by reflection, which
 * Java 12+ hides ({@code NoSuchFieldException: modifiers}) through the JDK's reflection filter. We drop
 * {@code java.lang.reflect.Field} from that filter (the static map {@code fieldFilterMap} of
 * {@code jdk.internal.reflect.Reflection}), which needs {@code --add-opens java.base/jdk.internal.reflect=ALL-UNNAMED}.
 * The map has this name and shape on JDK 12 to 17 only; later JDKs no longer let the modifiers be written, so Atlas
 * runs on 17.
 *
 * <p>This class is copied alone onto the Atlas classpath (next to the war's {@code WEB-INF/classes} and
 * {@code lib/}), so it uses nothing but the JDK and stays a single class file: no nested classes, no lambdas.
 */
public final class AtlasLauncher {
    static final String ATLAS_MAIN = "org.apache.atlas.Atlas";

    private AtlasLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        unfilterFieldReflection();
        Class<?> atlas = Class.forName(ATLAS_MAIN);
        Method main = atlas.getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Removes {@code java.lang.reflect.Field} from the JDK's field reflection filter. */
    static void unfilterFieldReflection() throws ReflectiveOperationException {
        Class<?> reflection = Class.forName("jdk.internal.reflect.Reflection");
        MethodHandles.Lookup lookup;
        try {
            lookup = MethodHandles.privateLookupIn(reflection, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("start the Atlas JVM with --add-opens"
                    + " java.base/jdk.internal.reflect=ALL-UNNAMED (needed to let Atlas clear Field.modifiers)", e);
        }
        VarHandle filter = lookup.findStaticVarHandle(reflection, "fieldFilterMap", Map.class);
        @SuppressWarnings("unchecked")
        Map<Class<?>, Set<String>> current = (Map<Class<?>, Set<String>>) filter.getVolatile();
        Map<Class<?>, Set<String>> relaxed = new HashMap<>(current);
        relaxed.remove(Field.class);
        filter.setVolatile(Map.copyOf(relaxed));
    }
}
