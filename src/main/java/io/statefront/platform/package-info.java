/**
 * What every feature builds on: the embedded broker and Kafka plumbing, the Flink runtime and its
 * checkpoints, the request/reply gateway, the saga protocol, security, web and websocket support.
 * An open module: its sub-packages are for every feature to use, and it uses none of them.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.statefront.platform;

import org.springframework.modulith.ApplicationModule;
