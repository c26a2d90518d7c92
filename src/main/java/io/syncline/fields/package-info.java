/**
 * Field-level sync (seed 002): subscriptions, field pushes, and field changes live and in catch-up.
 */
package io.syncline.fields;
