/** Fan-out: live connections, their subscriptions and send queues, and channel names. */
package io.syncline.channel;
