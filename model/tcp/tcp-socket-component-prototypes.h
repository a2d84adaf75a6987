/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_SOCKET_COMPONENT_PROTOTYPES_H
#define TCP_SOCKET_COMPONENT_PROTOTYPES_H

#include "ns3/attribute.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/type-id.h"

#include <functional>
#include <utility>
#include <vector>

namespace ns3
{

class ObjectFactory;
class RttEstimator;
class TcpCongestionOps;
class TcpLinuxSocketBase;
class TcpRecoveryOps;

/**
 * \ingroup tcp-fast-open
 *
 * \brief A node's RTT estimator, congestion control and recovery algorithm
 * for each new socket, and the socket itself, copied from a prototype instead
 * of built through ObjectFactory.
 *
 * TcpL4Protocol::CreateSocket builds the three with ObjectFactory, which sets
 * every attribute from its initial value (ObjectBase::ConstructSelf; in a
 * logging build of ns-3 it also formats each value as a string): TcpCubic's
 * 13 attributes alone cost ~250,000 instructions per socket with Debian's
 * ns-3.37. A socket's component made here is a copy (TcpCongestionOps::Fork,
 * TcpRecoveryOps::Fork, RttEstimator::Copy) of one built through ObjectFactory
 * earlier, the way ns-3 itself gives every forked (accepted) socket its
 * listener's components. The copy equals a freshly built object when
 *
 *  - the type's copy constructor copies every attribute and nothing is shared
 *    that a fresh object would own: only types checked to be so
 *    (IsExactlyCopied()) are copied; for the others (e.g. TcpBbr, whose copy
 *    shares the original's random variable) ObjectFactory is used as before;
 *    and each time a prototype is built, one copy of it is compared with it
 *    attribute by attribute (CopiedDifferences()): an attribute the type's copy
 *    constructor misses in this ns-3 version (ns-3.44 and 3.48's TcpCubic does
 *    not copy TcpFriendliness) is set on every copy from the prototype's value;
 *    a type whose copy still differs then, or whose missed attribute cannot be
 *    set, is built through ObjectFactory from then on;
 *  - the prototype has the current defaults: Config::SetDefault replaces the
 *    attribute's initial value (a new Ptr) in the TypeId, so the prototype is
 *    rebuilt when the initial value of any attribute it has (its type's or a
 *    parent's) is no longer the pointer it was built with, or when the node's
 *    type changed;
 *  - the prototype itself is never used by a socket.
 *
 * The socket (CreateSocket) follows the same rules, with a prototype built
 * by the socket factory's ObjectFactory (its type and the attributes set on
 * the factory; SetSocketAttribute calls InvalidateSocket) and copied with the
 * copy constructor a listener's fork uses (TcpLinuxSocketBase::CopyAsNewSocket),
 * which copies the configuration and starts the connection state afresh.
 * Constructing a TcpFastOpenSocket through ObjectFactory sets its ~70
 * attributes one by one (66 µs per socket with Debian's ns-3.37, 44 µs for a
 * stock TcpSocketBase); the copy does not. Only the module's own socket types
 * are copied. The socket's sub-objects that its copy constructor copies
 * (TcpSocketBase's TxBuffer and RxBuffer, attributes without a setter) are
 * not compared by pointer; a settable object attribute that differs makes
 * the type built through ObjectFactory.
 */
class TcpSocketComponentPrototypes
{
  public:
    /**
     * \brief An RTT estimator of type \p tid, as ObjectFactory would build it.
     * \param tid the node's RttEstimatorType
     * \return a new estimator, owned by the caller alone
     */
    Ptr<RttEstimator> CreateRttEstimator(TypeId tid);

    /**
     * \brief A congestion control of type \p tid, as ObjectFactory would build it.
     * \param tid the node's SocketType
     * \return a new congestion control, owned by the caller alone
     */
    Ptr<TcpCongestionOps> CreateCongestionOps(TypeId tid);

    /**
     * \brief A recovery algorithm of type \p tid, as ObjectFactory would build it.
     * \param tid the node's RecoveryType
     * \return a new recovery algorithm, owned by the caller alone
     */
    Ptr<TcpRecoveryOps> CreateRecoveryOps(TypeId tid);

    /**
     * \brief A socket as \p sockets would build it (without node, TCP and
     * components: TcpLinuxSocketFactory::CreateOnNode sets them).
     * \param sockets the socket factory's ObjectFactory (type and attributes)
     * \return a new socket, owned by the caller alone
     */
    Ptr<TcpLinuxSocketBase> CreateSocket(const ObjectFactory& sockets);

    /**
     * \brief Drop the socket prototype: the socket factory's attributes
     * changed, the next CreateSocket builds a new one.
     */
    void InvalidateSocket();

    /**
     * \brief Whether \p tid's copy (Fork, Copy or CopyAsNewSocket) is checked
     * to equal an object of that type built through ObjectFactory with the same
     * attribute values.
     * \param tid a TcpCongestionOps, TcpRecoveryOps, RttEstimator or socket type
     * \return true for ns-3's TcpNewReno, TcpLinuxReno, TcpCubic,
     *         TcpClassicRecovery, TcpPrrRecovery and RttMeanDeviation, and the
     *         module's TcpLinuxSocketBase and TcpFastOpenSocket
     */
    static bool IsExactlyCopied(TypeId tid);

    /**
     * \brief Prototypes built so far (ObjectFactory calls on behalf of the
     * copies), for tests.
     * \return the number of prototypes built
     */
    uint32_t GetPrototypesBuilt() const;

  private:
    /// An attribute a prototype has, and the initial value it was built with.
    struct Watched
    {
        TypeId tid;                             //!< the type (or parent) declaring it
        std::size_t index;                      //!< its index in that TypeId
        Ptr<const AttributeValue> initialValue; //!< the TypeId's initial value then
    };

    /// One component's prototype and what it was built from.
    struct Prototype
    {
        TypeId tid;                   //!< the type this slot is for
        bool known{false};            //!< tid is set
        bool copied{false};           //!< tid IsExactlyCopied()
        Ptr<Object> object;           //!< the prototype (null: none yet)
        std::vector<Watched> watched; //!< the attributes object has
        /// the attributes the type's copy misses, with the prototype's values
        std::vector<std::pair<Ptr<const AttributeAccessor>, Ptr<AttributeValue>>> resets;
    };

    /**
     * \brief The prototype of type \p tid with the current defaults, (re)built
     * if needed.
     * \param prototype the slot
     * \param tid the type wanted
     * \param build builds a new object of type \p tid as a socket would get it
     * \param copy makes a copy of a prototype (Fork, Copy or CopyAsNewSocket;
     *        null if this prototype cannot be copied)
     * \return the prototype (null if \p tid is not IsExactlyCopied() or its
     *         copy differs from it)
     */
    Ptr<Object> Current(Prototype& prototype,
                        TypeId tid,
                        const std::function<Ptr<Object>()>& build,
                        const std::function<Ptr<Object>(Object&)>& copy);

    /**
     * \brief An object of type \p tid: a copy of the slot's prototype (with
     * the attributes its copy misses set), or built by \p build if the type is
     * not copied exactly or the prototype cannot be copied now.
     * \tparam T the object's base class
     * \tparam CopyFunction Ptr<T>(T&), returning null if it cannot copy
     * \param prototype the slot
     * \param tid the type wanted
     * \param build builds a new object of type \p tid
     * \param copy the copy (Fork, Copy or CopyAsNewSocket)
     * \return a new object
     */
    template <class T, class CopyFunction>
    Ptr<T> Make(Prototype& prototype,
                TypeId tid,
                const std::function<Ptr<Object>()>& build,
                CopyFunction copy);

    /**
     * \brief A component of type \p tid (Make() with ObjectFactory as the
     * builder).
     * \tparam T the component's base class
     * \tparam CopyFunction Ptr<T>(T&)
     * \param prototype the slot
     * \param tid the type wanted
     * \param copy the copy (Fork or Copy)
     * \return a new component
     */
    template <class T, class CopyFunction>
    Ptr<T> MakeComponent(Prototype& prototype, TypeId tid, CopyFunction copy);

    /**
     * \brief The attributes of \p object's type and its parents that the
     * object has (the ones ConstructSelf set), with their initial values now.
     * \param object a prototype
     * \return the attributes, in TypeId order
     */
    static std::vector<Watched> AttributesOf(Ptr<Object> object);

    /**
     * \brief The attributes of \p watched that \p copy does not have at the
     * value \p original has (compared as serialized strings), with the
     * original's values.
     * \param original a prototype
     * \param copy its copy
     * \param watched the prototype's attributes (AttributesOf())
     * \param differences filled with each differing attribute's accessor and
     *        the original's value
     * \return false if an attribute differs that cannot be set or read, or
     *         one holding an object (PointerValue) that can be set
     */
    static bool CopiedDifferences(
        Ptr<Object> original,
        Ptr<Object> copy,
        const std::vector<Watched>& watched,
        std::vector<std::pair<Ptr<const AttributeAccessor>, Ptr<AttributeValue>>>& differences);

    Prototype m_rtt;        //!< the RTT estimator's
    Prototype m_congestion; //!< the congestion control's
    Prototype m_recovery;   //!< the recovery algorithm's
    Prototype m_socket;     //!< the socket's
    uint32_t m_built{0};    //!< prototypes built
};

} // namespace ns3

#endif /* TCP_SOCKET_COMPONENT_PROTOTYPES_H */
