/**
 * The cluster (issue 18): several Fairsend nodes on one PostgreSQL. Owns this process's node identity
 * ({@link org.fairsend.platform.cluster.NodeIdentity}: unique per process unless set), the node registry
 * ({@code cluster_node}: each node's heartbeat, which is also the lease on everything it has claimed: queue messages,
 * SMPP binds) and its health contribution ({@code /actuator/health} goes DOWN when this node's heartbeat cannot be
 * renewed, so a load balancer takes it out and the other nodes take its work after the timeout). Part of the open
 * platform module: any module may ask who this node is and which nodes are alive.
 */
package org.fairsend.platform.cluster;
