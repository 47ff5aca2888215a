/*
 * The `jupyterhub_config.py` the local stack writes for its hub. It holds no secret: the password, the service's
 * token, the proxy's token and the app's key reach the hub as environment variables (see `hubSecretEnv`), and the
 * cookie secret is a file of its own, so the config can be read or shown without leaking anything.
 */

/** What the generated config needs to know. */
export interface HubConfigInput {
  stateDir: string;
  /** The proxy's public port (the hub's URL). */
  port: number;
  /** The proxy's REST API port. */
  apiPort: number;
  /** The hub's own port, behind the proxy. */
  hubPort: number;
  user: string;
  serviceName: string;
  /** `configurable-http-proxy` as a command line (node and the script). */
  proxyCommand: string[];
  /** The interpreter of the venv the user's server and kernels run in (the client is installed there). */
  kernelPython: string;
  /** The jupyter venv's prefix: JupyterLab's files and the server extensions' config live under it. */
  jupyterPrefix: string;
}

/** Environment variables the config reads its secrets from. */
export const hubSecretEnv = {
  password: 'MLCYCLE_HUB_PASSWORD',
  serviceToken: 'MLCYCLE_HUB_SERVICE_TOKEN',
  // configurable-http-proxy and JupyterHub both read this one by this name.
  proxyToken: 'CONFIGPROXY_AUTH_TOKEN',
} as const;

/** Variables handed from the hub's environment to every user server (and so to its kernels). */
export const userServerEnv = ['MLCYCLE_URL', 'MLCYCLE_KEY', 'MLCYCLE_TOKEN', 'MLFLOW_TRACKING_URI'] as const;

const py = (v: unknown): string => JSON.stringify(v);

/** The text of `jupyterhub_config.py`. */
export function hubConfig(i: HubConfigInput): string {
  return `# Written by mlcycle's local stack (stack/jupyterhub-config.ts) on every start; edits are lost.
# A loopback-only hub for one demo user on a developer's machine: every user server runs as the current OS user
# with no isolation, and the password is a shared one. Never expose it beyond 127.0.0.1.
import os

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)
state = ${py(i.stateDir)}

c.JupyterHub.bind_url = ${py(`http://127.0.0.1:${i.port}`)}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = ${i.hubPort}
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

c.JupyterHub.proxy_class = "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = ${py(i.proxyCommand)}
c.ConfigurableHTTPProxy.api_url = ${py(`http://127.0.0.1:${i.apiPort}`)}
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy-pid")

c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ[${py(hubSecretEnv.password)}]
c.Authenticator.allowed_users = {${py(i.user)}}

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(state, "users", "{username}")
# The layered client venv has no console scripts of the jupyter venv: start the server as a module of its interpreter.
c.Spawner.cmd = [${py(i.kernelPython)}, "-m", "jupyterhub.singleuser"]
c.Spawner.ip = "127.0.0.1"
# Containers (and CI) often run as root, which Jupyter Server refuses without being told.
c.Spawner.args = ["--ServerApp.allow_root=True"] if os.getuid() == 0 else []
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
# Keep user servers in the hub's session, so stopping the hub's process tree stops them too.
c.Spawner.popen_kwargs = {"start_new_session": False}
c.Spawner.environment = {k: os.environ[k] for k in ${py([...userServerEnv])} if k in os.environ}
# The layered venv's own prefix holds no Jupyter data or config: point the server at the jupyter venv's, so it loads
# the JupyterLab extension (the /lab page) and finds JupyterLab's built files.
jupyter = ${py(i.jupyterPrefix)}
c.Spawner.environment.update({
    "JUPYTER_CONFIG_PATH": os.path.join(jupyter, "etc", "jupyter"),
    "JUPYTER_PATH": os.path.join(jupyter, "share", "jupyter"),
    "JUPYTERLAB_DIR": os.path.join(jupyter, "share", "jupyter", "lab"),
})

c.JupyterHub.services = [{"name": ${py(i.serviceName)}, "api_token": os.environ[${py(hubSecretEnv.serviceToken)}]}]
c.JupyterHub.load_roles = [
    {
        "name": "mlcycle-scripts",
        "description": "Start the demo user's server and use it (scripts and tests)",
        "scopes": [
            ${py(`read:users!user=${i.user}`)},
            ${py(`servers!user=${i.user}`)},
            ${py(`access:servers!user=${i.user}`)},
        ],
        "services": [${py(i.serviceName)}],
    }
]
`;
}
