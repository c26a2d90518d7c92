package io.syncline.forms;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Seed 002's {@code contact} form, shipped as the example to copy: a record annotated {@link Form}
 * with Bean Validation constraints on its components is all a form needs.
 */
@Form("contact")
public record ContactForm(
    @NotBlank @Size(max = 100) String name,
    @NotBlank @Email String email,
    @NotBlank @Size(min = 10, max = 2000) String message) {}
