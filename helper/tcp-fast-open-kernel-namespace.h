/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_KERNEL_NAMESPACE_H
#define TCP_FAST_OPEN_KERNEL_NAMESPACE_H

#include <cstdint>
#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief A private Linux network namespace for the kernel side of an emulation:
 * created with `ip netns add`, holding a TAP device whose other end is a file
 * descriptor of this process (for an FdNetDevice), and running the kernel-side
 * programs with `ip netns exec`.
 *
 * Everything it makes goes away with it: Remove() (and the destructor) kill the
 * programs it started (their whole process groups) and delete the namespace,
 * which takes the TAP device with it. So does a SIGINT, SIGTERM, SIGHUP or
 * SIGABRT (NS_FATAL_ERROR) and exit()/quick_exit(): the first object installs
 * handlers that clean up every live namespace with async-signal-safe calls
 * only (kill, fork, execve, waitpid) and then end the process as the signal
 * would have.
 *
 * Nothing is routed outside the namespace: its only interfaces are loopback
 * and the TAP device, whose peer is the simulation.
 */
class TcpFastOpenKernelNamespace
{
  public:
    /**
     * \param name the namespace to create (at most 31 characters of
     *        [A-Za-z0-9_.-]); nothing happens before Create()
     */
    explicit TcpFastOpenKernelNamespace(std::string name);
    /// Remove(): kills the started programs and deletes the namespace.
    ~TcpFastOpenKernelNamespace();

    TcpFastOpenKernelNamespace(const TcpFastOpenKernelNamespace&) = delete;
    TcpFastOpenKernelNamespace& operator=(const TcpFastOpenKernelNamespace&) = delete;

    /**
     * \brief What keeps an emulation from running here.
     * \return "" when the process is root, /dev/net/tun opens and `ip` is
     *         installed; otherwise the reason
     */
    static std::string CheckEnvironment();

    /**
     * \brief Create the namespace and bring its loopback up.
     * \param[out] error why it failed
     * \return true on success (false also when the name exists: another
     *         namespace is never reused or deleted)
     */
    bool Create(std::string& error);

    /// Kill the started programs and delete the namespace (idempotent).
    void Remove();

    /// \return the namespace's name
    const std::string& GetName() const;

    /**
     * \brief Create a TAP device (no packet information header), move it into
     * the namespace, give it an address and bring it up.
     * \param device the device name (at most 15 characters)
     * \param address the kernel's address with prefix length ("192.0.2.1/24")
     * \param[out] error why it failed
     * \return the device's file descriptor (close-on-exec), or -1
     */
    int CreateTap(const std::string& device, const std::string& address, std::string& error);

    /**
     * \brief Run a command inside the namespace and wait for it.
     * \param command the program and its arguments
     * \param[out] output what it wrote to standard output and error
     * \return true when it exited with status 0
     */
    bool Exec(const std::vector<std::string>& command, std::string& output);

    /**
     * \brief Set a sysctl inside the namespace (`sysctl -w name=value`).
     * \param name the sysctl ("net.ipv4.tcp_fastopen")
     * \param value its value
     * \param[out] error why it failed
     * \return true on success
     */
    bool Sysctl(const std::string& name, const std::string& value, std::string& error);

    /**
     * \brief The namespace's TcpExt counters, as /proc/net/netstat (and so
     * `nstat -az`) shows them; a new namespace starts them at zero.
     * \return counter name (without "TcpExt") to value; empty on failure
     */
    std::map<std::string, uint64_t> ReadCounters();

    /**
     * \brief Start a program inside the namespace in a process group of its
     * own, with pipes to its standard input and output.
     * \param command the program and its arguments
     * \param[out] error why it failed
     * \return a handle for the other calls, or -1
     */
    int Start(const std::vector<std::string>& command, std::string& error);

    /**
     * \brief Write one line to a started program's standard input.
     * \param handle from Start()
     * \param line the line, without newline
     * \return true when written
     */
    bool WriteLine(int handle, const std::string& line);

    /**
     * \brief Read one line of a started program's standard output.
     * \param handle from Start()
     * \param[out] line the line, without newline
     * \param timeoutMs how long to wait for it (0: only what is there)
     * \return true when a whole line was read
     */
    bool ReadLine(int handle, std::string& line, int timeoutMs);

    /**
     * \brief End a started program: close its standard input, wait up to
     * \p graceMs for it to exit, then kill its process group.
     * \param handle from Start()
     * \param graceMs how long it may take to exit by itself
     * \return the lines it wrote that ReadLine() had not returned
     */
    std::vector<std::string> Stop(int handle, int graceMs);

  private:
    /// A program started inside the namespace.
    struct Program
    {
        pid_t pid{-1};      //!< its pid (and process group)
        int group{-1};      //!< its entry in the cleanup registry
        int in{-1};         //!< write end of its standard input
        int out{-1};        //!< read end of its standard output
        std::string buffer; //!< read but not yet returned
    };

    /**
     * \brief Run a program (outside the namespace) and wait for it.
     * \param command the program and its arguments
     * \param[out] output what it wrote to standard output and error
     * \return true when it exited with status 0
     */
    static bool Run(const std::vector<std::string>& command, std::string& output);

    /// Install the signal and exit handlers (once per process).
    static void InstallHandlers();

    std::string m_name;              //!< namespace name
    bool m_created{false};           //!< Create() succeeded and Remove() has not run
    int m_slot{-1};                  //!< this namespace's slot in the cleanup registry
    std::vector<Program> m_programs; //!< started programs
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_KERNEL_NAMESPACE_H */
