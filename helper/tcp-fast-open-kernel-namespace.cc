/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-kernel-namespace.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <sstream>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ns3
{

namespace
{

/// Namespaces alive at once in one process.
constexpr int kSlots = 4;
/// Programs per namespace.
constexpr int kPrograms = 8;

/**
 * \brief What the signal handler removes: plain arrays, written before a
 * signal can need them, read with async-signal-safe calls only.
 */
struct CleanupSlot
{
    volatile sig_atomic_t used{0};      //!< holds a live namespace
    char name[32]{};                    //!< its name
    volatile pid_t groups[kPrograms]{}; //!< process groups to kill (0: none)
};

CleanupSlot g_slots[kSlots];         //!< the registry
char g_ipPath[256] = "";             //!< absolute path of `ip`, found once
char* const g_environ[] = {nullptr}; //!< environment of `ip netns del`

/**
 * \brief Kill every registered program group and delete every registered
 * namespace. Async-signal-safe.
 */
void
CleanupAll()
{
    for (auto& slot : g_slots)
    {
        if (!slot.used)
        {
            continue;
        }
        for (auto& group : slot.groups)
        {
            if (group > 0)
            {
                kill(-group, SIGKILL);
                waitpid(group, nullptr, 0);
                group = 0;
            }
        }
        if (g_ipPath[0] != '\0')
        {
            const pid_t pid = fork();
            if (pid == 0)
            {
                char netns[] = "netns";
                char del[] = "del";
                char* const argv[] = {g_ipPath, netns, del, slot.name, nullptr};
                execve(g_ipPath, argv, g_environ);
                _exit(127);
            }
            if (pid > 0)
            {
                waitpid(pid, nullptr, 0);
            }
        }
        slot.used = 0;
    }
}

/**
 * \brief The handler of SIGINT, SIGTERM, SIGHUP and SIGABRT: clean up, then
 * end the process as the signal would have.
 * \param signal the signal
 */
void
OnSignal(int signal)
{
    CleanupAll();
    std::signal(signal, SIG_DFL);
    raise(signal);
}

/**
 * \param name a program name
 * \return its absolute path from PATH (or /usr/sbin, /sbin), or ""
 */
std::string
FindProgram(const std::string& name)
{
    std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
    path += ":/usr/sbin:/sbin:/usr/bin:/bin";
    std::istringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':'))
    {
        const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
        if (access(candidate.c_str(), X_OK) == 0)
        {
            return candidate;
        }
    }
    return "";
}

/**
 * \param command a program and its arguments
 * \return them as execvp wants them (pointing into \p command)
 */
std::vector<char*>
Argv(const std::vector<std::string>& command)
{
    std::vector<char*> argv;
    for (const auto& word : command)
    {
        argv.push_back(const_cast<char*>(word.c_str()));
    }
    argv.push_back(nullptr);
    return argv;
}

/**
 * \param command a program and its arguments
 * \return them as one line, for messages
 */
std::string
Join(const std::vector<std::string>& command)
{
    std::string line;
    for (const auto& word : command)
    {
        line += (line.empty() ? "" : " ") + word;
    }
    return line;
}

} // namespace

TcpFastOpenKernelNamespace::TcpFastOpenKernelNamespace(std::string name)
    : m_name(std::move(name))
{
}

TcpFastOpenKernelNamespace::~TcpFastOpenKernelNamespace()
{
    Remove();
}

std::string
TcpFastOpenKernelNamespace::CheckEnvironment()
{
    if (geteuid() != 0)
    {
        return "not root: creating a network namespace and a TAP device needs CAP_SYS_ADMIN "
               "and CAP_NET_ADMIN (run as root)";
    }
    const int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    if (fd < 0)
    {
        return std::string("cannot open /dev/net/tun (") + std::strerror(errno) +
               "): the TUN/TAP driver is not available";
    }
    close(fd);
    if (FindProgram("ip").empty())
    {
        return "`ip` (iproute2) is not installed";
    }
    return "";
}

const std::string&
TcpFastOpenKernelNamespace::GetName() const
{
    return m_name;
}

void
TcpFastOpenKernelNamespace::InstallHandlers()
{
    static bool installed = false;
    if (installed)
    {
        return;
    }
    installed = true;
    const std::string ip = FindProgram("ip");
    std::strncpy(g_ipPath, ip.c_str(), sizeof(g_ipPath) - 1);
    struct sigaction action = {};
    action.sa_handler = &OnSignal;
    sigemptyset(&action.sa_mask);
    for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGABRT})
    {
        sigaction(signal, &action, nullptr);
    }
    std::atexit(&CleanupAll);
    std::at_quick_exit(&CleanupAll);
}

bool
TcpFastOpenKernelNamespace::Create(std::string& error)
{
    if (m_created)
    {
        error = "namespace " + m_name + " already created";
        return false;
    }
    if (m_name.empty() || m_name.size() >= sizeof(CleanupSlot::name) ||
        m_name.find_first_not_of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") !=
            std::string::npos ||
        m_name[0] == '.')
    {
        error = "namespace name \"" + m_name +
                "\" must be 1-31 characters of letters, digits, '_', '-' and '.'";
        return false;
    }
    InstallHandlers();
    for (int i = 0; i < kSlots; i++)
    {
        if (!g_slots[i].used)
        {
            m_slot = i;
            break;
        }
    }
    if (m_slot < 0)
    {
        error = "too many namespaces at once";
        return false;
    }
    std::string output;
    // `ip netns add` refuses an existing name: another namespace is never taken over.
    if (!Run({g_ipPath, "netns", "add", m_name}, output))
    {
        error = "cannot create network namespace " + m_name + ": " + output;
        m_slot = -1;
        return false;
    }
    CleanupSlot& slot = g_slots[m_slot];
    std::memset(slot.name, 0, sizeof(slot.name));
    std::strncpy(slot.name, m_name.c_str(), sizeof(slot.name) - 1);
    for (auto& group : slot.groups)
    {
        group = 0;
    }
    slot.used = 1;
    m_created = true;
    if (!Exec({"ip", "link", "set", "dev", "lo", "up"}, output))
    {
        error = "cannot bring up lo in " + m_name + ": " + output;
        Remove();
        return false;
    }
    return true;
}

void
TcpFastOpenKernelNamespace::Remove()
{
    for (size_t i = 0; i < m_programs.size(); i++)
    {
        if (m_programs[i].pid > 0)
        {
            Stop(static_cast<int>(i), 0);
        }
    }
    if (!m_created)
    {
        return;
    }
    std::string output;
    Run({g_ipPath, "netns", "del", m_name}, output);
    g_slots[m_slot].used = 0;
    m_slot = -1;
    m_created = false;
}

bool
TcpFastOpenKernelNamespace::Run(const std::vector<std::string>& command, std::string& output)
{
    output.clear();
    int pipeFds[2];
    if (pipe2(pipeFds, O_CLOEXEC) != 0)
    {
        output = std::string("pipe: ") + std::strerror(errno);
        return false;
    }
    std::vector<char*> argv = Argv(command);
    const pid_t pid = fork();
    if (pid < 0)
    {
        output = std::string("fork: ") + std::strerror(errno);
        close(pipeFds[0]);
        close(pipeFds[1]);
        return false;
    }
    if (pid == 0)
    {
        dup2(pipeFds[1], STDOUT_FILENO);
        dup2(pipeFds[1], STDERR_FILENO);
        const int null = open("/dev/null", O_RDONLY);
        dup2(null, STDIN_FILENO);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    close(pipeFds[1]);
    char buffer[4096];
    ssize_t n;
    while ((n = read(pipeFds[0], buffer, sizeof(buffer))) != 0)
    {
        if (n < 0)
        {
            if (errno == EINTR)
            {
                continue;
            }
            break;
        }
        output.append(buffer, n);
    }
    close(pipeFds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && output.empty())
    {
        output = "cannot run " + command[0];
    }
    if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0) && output.empty())
    {
        output = Join(command) + " failed";
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool
TcpFastOpenKernelNamespace::Exec(const std::vector<std::string>& command, std::string& output)
{
    std::vector<std::string> full = {g_ipPath, "netns", "exec", m_name};
    full.insert(full.end(), command.begin(), command.end());
    return Run(full, output);
}

bool
TcpFastOpenKernelNamespace::Sysctl(const std::string& name,
                                   const std::string& value,
                                   std::string& error)
{
    std::string output;
    if (!Exec({"sysctl", "-q", "-w", name + "=" + value}, output))
    {
        error = "sysctl -w " + name + "=" + value + " in " + m_name + ": " + output;
        return false;
    }
    return true;
}

int
TcpFastOpenKernelNamespace::CreateTap(const std::string& device,
                                      const std::string& address,
                                      std::string& error)
{
    if (device.empty() || device.size() >= IFNAMSIZ)
    {
        error = "TAP device name \"" + device + "\" must be 1-15 characters";
        return -1;
    }
    const int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    if (fd < 0)
    {
        error = std::string("cannot open /dev/net/tun: ") + std::strerror(errno);
        return -1;
    }
    struct ifreq request = {};
    request.ifr_flags = IFF_TAP | IFF_NO_PI;
    std::strncpy(request.ifr_name, device.c_str(), IFNAMSIZ - 1);
    if (ioctl(fd, TUNSETIFF, &request) < 0)
    {
        error = "cannot create TAP device " + device + ": " + std::strerror(errno);
        close(fd);
        return -1;
    }
    // The device is created in this process's namespace, down and without an
    // address, and moved at once: nothing is ever reachable through it here.
    // It disappears when the descriptor is closed or the namespace deleted.
    std::string output;
    const bool family6 = address.find(':') != std::string::npos;
    std::vector<std::string> addressCommand = {"ip", "addr", "add", address, "dev", device};
    if (family6)
    {
        addressCommand.emplace_back("nodad");
    }
    if (!Run({g_ipPath, "link", "set", "dev", device, "netns", m_name}, output) ||
        !Exec(addressCommand, output) || !Exec({"ip", "link", "set", "dev", device, "up"}, output))
    {
        error = "cannot set up TAP device " + device + " in " + m_name + ": " + output;
        close(fd);
        return -1;
    }
    return fd;
}

std::map<std::string, uint64_t>
TcpFastOpenKernelNamespace::ReadCounters()
{
    std::map<std::string, uint64_t> counters;
    std::string output;
    if (!Exec({"cat", "/proc/net/netstat"}, output))
    {
        return counters;
    }
    // Pairs of lines: "TcpExt: Name1 Name2 ..." then "TcpExt: 1 2 ...".
    std::istringstream lines(output);
    std::string names;
    std::string values;
    while (std::getline(lines, names) && std::getline(lines, values))
    {
        std::istringstream n(names);
        std::istringstream v(values);
        std::string group;
        std::string valueGroup;
        n >> group;
        v >> valueGroup;
        if (group != "TcpExt:" || valueGroup != "TcpExt:")
        {
            continue;
        }
        std::string name;
        uint64_t value;
        while (n >> name && v >> value)
        {
            counters[name] = value;
        }
    }
    return counters;
}

int
TcpFastOpenKernelNamespace::Start(const std::vector<std::string>& command, std::string& error)
{
    if (!m_created)
    {
        error = "namespace " + m_name + " does not exist";
        return -1;
    }
    int free = -1;
    for (int i = 0; i < kPrograms; i++)
    {
        if (g_slots[m_slot].groups[i] == 0)
        {
            free = i;
            break;
        }
    }
    if (free < 0)
    {
        error = "too many programs in " + m_name;
        return -1;
    }
    int in[2];
    int out[2];
    if (pipe2(in, O_CLOEXEC) != 0)
    {
        error = std::string("pipe: ") + std::strerror(errno);
        return -1;
    }
    if (pipe2(out, O_CLOEXEC) != 0)
    {
        error = std::string("pipe: ") + std::strerror(errno);
        close(in[0]);
        close(in[1]);
        return -1;
    }
    std::vector<std::string> full = {g_ipPath, "netns", "exec", m_name};
    full.insert(full.end(), command.begin(), command.end());
    std::vector<char*> argv = Argv(full);
    const pid_t pid = fork();
    if (pid < 0)
    {
        error = std::string("fork: ") + std::strerror(errno);
        for (int fd : {in[0], in[1], out[0], out[1]})
        {
            close(fd);
        }
        return -1;
    }
    if (pid == 0)
    {
        setpgid(0, 0);
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    setpgid(pid, pid);
    g_slots[m_slot].groups[free] = pid;
    close(in[0]);
    close(out[1]);
    Program program;
    program.pid = pid;
    program.group = free;
    program.in = in[1];
    program.out = out[0];
    m_programs.push_back(program);
    return static_cast<int>(m_programs.size()) - 1;
}

bool
TcpFastOpenKernelNamespace::WriteLine(int handle, const std::string& line)
{
    if (handle < 0 || handle >= static_cast<int>(m_programs.size()) || m_programs[handle].in < 0)
    {
        return false;
    }
    const std::string text = line + "\n";
    // A program that exited closes the pipe: EPIPE, not SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    return write(m_programs[handle].in, text.data(), text.size()) ==
           static_cast<ssize_t>(text.size());
}

bool
TcpFastOpenKernelNamespace::ReadLine(int handle, std::string& line, int timeoutMs)
{
    if (handle < 0 || handle >= static_cast<int>(m_programs.size()))
    {
        return false;
    }
    Program& program = m_programs[handle];
    while (true)
    {
        const size_t newline = program.buffer.find('\n');
        if (newline != std::string::npos)
        {
            line = program.buffer.substr(0, newline);
            program.buffer.erase(0, newline + 1);
            return true;
        }
        if (program.out < 0)
        {
            return false;
        }
        struct pollfd wait = {program.out, POLLIN, 0};
        const int ready = poll(&wait, 1, timeoutMs);
        if (ready <= 0)
        {
            return false;
        }
        char buffer[4096];
        const ssize_t n = read(program.out, buffer, sizeof(buffer));
        if (n <= 0)
        {
            close(program.out);
            program.out = -1;
            return false;
        }
        program.buffer.append(buffer, n);
    }
}

std::vector<std::string>
TcpFastOpenKernelNamespace::Stop(int handle, int graceMs)
{
    std::vector<std::string> lines;
    if (handle < 0 || handle >= static_cast<int>(m_programs.size()) || m_programs[handle].pid <= 0)
    {
        return lines;
    }
    Program& program = m_programs[handle];
    if (program.in >= 0)
    {
        close(program.in);
        program.in = -1;
    }
    int status = 0;
    bool reaped = false;
    for (int waited = 0; waited < graceMs && !reaped; waited += 10)
    {
        reaped = waitpid(program.pid, &status, WNOHANG) == program.pid;
        if (!reaped)
        {
            usleep(10000);
        }
    }
    // The whole group: whatever the program left behind goes too.
    kill(-program.pid, SIGKILL);
    if (!reaped)
    {
        waitpid(program.pid, &status, 0);
    }
    g_slots[m_slot].groups[program.group] = 0;
    program.pid = -1;
    std::string line;
    while (ReadLine(handle, line, 0))
    {
        lines.push_back(line);
    }
    if (program.out >= 0)
    {
        close(program.out);
        program.out = -1;
    }
    if (!program.buffer.empty())
    {
        lines.push_back(program.buffer);
        program.buffer.clear();
    }
    return lines;
}

} // namespace ns3
