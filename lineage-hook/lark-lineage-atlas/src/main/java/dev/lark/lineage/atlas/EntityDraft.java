package dev.lark.lineage.atlas;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An Atlas entity about to be sent: type, qualifiedName, attributes and relationship attributes, whose references
 * are {@link Ref}s resolved only when a request is built (guid reference inside the same request, unique-attribute
 * reference to an entity an earlier request created). {@code level} orders entities so that everything an entity
 * refers to is sent before or with it.
 */
final class EntityDraft {
    final String typeName;
    final String qualifiedName;
    final int level;
    final Map<String, Object> attributes = new LinkedHashMap<>();
    final Map<String, Object> relationshipAttributes = new LinkedHashMap<>();

    EntityDraft(String typeName, String qualifiedName, int level) {
        this.typeName = typeName;
        this.qualifiedName = qualifiedName;
        this.level = level;
        attributes.put("qualifiedName", qualifiedName);
    }

    EntityDraft attr(String name, Object value) {
        if (value != null) {
            attributes.put(name, value);
        }
        return this;
    }

    EntityDraft rel(String name, Object refOrList) {
        relationshipAttributes.put(name, refOrList);
        return this;
    }

    Ref ref() {
        return new Ref(typeName, qualifiedName);
    }

    String key() {
        return typeName + "|" + qualifiedName;
    }

    @Override
    public String toString() {
        return typeName + ":" + qualifiedName;
    }

    /** A reference to another entity by type and qualifiedName. */
    static final class Ref {
        final String typeName;
        final String qualifiedName;

        Ref(String typeName, String qualifiedName) {
            this.typeName = typeName;
            this.qualifiedName = qualifiedName;
        }

        String key() {
            return typeName + "|" + qualifiedName;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ref && key().equals(((Ref) o).key());
        }

        @Override
        public int hashCode() {
            return Objects.hash(typeName, qualifiedName);
        }

        @Override
        public String toString() {
            return key();
        }
    }
}
