/** The cluster this node is part of, if any: Payara's Hazelcast, or a one-node local stand-in. */
package io.syncline.cluster;
