package io.syncline.forms;

import jakarta.json.JsonObject;

/**
 * One field of a form: its name, its JSON type ({@code string}, {@code integer}, {@code number},
 * {@code boolean}, {@code date}, {@code date-time} or {@code object}), and the constraints a client
 * can check itself, e.g. {@code {required: true, maxLength: 200}}.
 */
public record FormField(String field, String type, JsonObject constraints) {}
