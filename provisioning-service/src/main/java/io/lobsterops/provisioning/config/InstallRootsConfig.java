package io.lobsterops.provisioning.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where a host's installs may live when its install directory is absolute (issue 16). */
@ConfigMapping(prefix = "lobsterops.hosts")
public interface InstallRootsConfig {

    /** Absolute install directories must lie under one of these (a relative one lies under the login user's home). */
    @WithDefault("/opt/lobsterops,/srv/lobsterops,/home")
    List<String> installRoots();
}
