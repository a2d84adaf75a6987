/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_LINUX_RTT_ESTIMATOR_H
#define TCP_LINUX_RTT_ESTIMATOR_H

#include "ns3/rtt-estimator.h"
#include "ns3/sequence-number.h"
#include "ns3/tcp-fast-open-ns3-compat.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief Linux's RTT estimator (tcp_rtt_estimator, net/ipv4/tcp_input.c)
 * and RTO (tcp_set_rto): RTO = srtt + rttvar, where rttvar is the largest
 * mean deviation (times 4) seen in the last RTT and never below rto_min.
 *
 * ns-3's RttMeanDeviation with TcpSocketBase's MinRto gives max(srtt +
 * 4 mdev, MinRto): 200 ms flat at a 20 ms RTT, where Linux waits
 * 20 + 200 ms. The differences this class reproduces:
 *  - the first sample sets mdev to half of it (RTO = 3 RTT before rto_min);
 *  - a sample below srtt moves mdev with a gain of 1/32 instead of 1/4
 *    (Linux's variant of Eifel);
 *  - rttvar follows the largest mdev of each round trip (mdev_max, reset to
 *    rto_min once SND.UNA passes the SND.NXT of the round's start, rtt_seq)
 *    and decays towards it by a quarter per round trip, so it never goes
 *    below rto_min.
 * Variables are kept in microseconds, scaled as the kernel's (srtt << 3,
 * mdev and rttvar << 2). GetEstimate() is srtt; GetVariation() is rttvar / 4,
 * so that TcpSocketBase's srtt + 4 * variation is Linux's RTO.
 *
 * The socket tells the estimator SND.UNA, SND.NXT and rto_min before each
 * measurement (SetConnectionState): TcpLinuxSocketBase does.
 */
class TcpLinuxRttEstimator : public RttEstimator
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpLinuxRttEstimator();

    /**
     * \brief Copy constructor (the estimator of a forked socket).
     * \param r the estimator to copy
     */
    TcpLinuxRttEstimator(const TcpLinuxRttEstimator& r);

    /**
     * \brief tcp_rtt_estimator: take one RTT sample.
     * \param measure the sample
     */
    void Measurement(Time measure) override;
    Ptr<RttEstimator> Copy() const override;
    void Reset() override;

    /**
     * \brief The connection's state that tcp_rtt_estimator reads at a sample.
     * \param sndUna SND.UNA after the acknowledgment that gave the sample
     * \param sndNxt SND.NXT
     * \param rtoMin the socket's rto_min (tcp_rto_min)
     */
    void SetConnectionState(SequenceNumber32 sndUna, SequenceNumber32 sndNxt, Time rtoMin);

  private:
    /// Publish srtt and rttvar / 4 as RttEstimator's estimate and variation.
    void Publish();

    int64_t m_srttUs8{0};      //!< srtt_us: smoothed RTT << 3
    int64_t m_mdevUs4{0};      //!< mdev_us: mean deviation << 2
    int64_t m_mdevMaxUs4{0};   //!< mdev_max_us: largest mdev_us of this round trip
    int64_t m_rttvarUs4{0};    //!< rttvar_us: the deviation the RTO uses << 2
    SequenceNumber32 m_rttSeq; //!< rtt_seq: SND.NXT when this round trip began
    SequenceNumber32 m_sndUna; //!< SND.UNA at the next sample
    SequenceNumber32 m_sndNxt; //!< SND.NXT at the next sample
    int64_t m_rtoMinUs{200000}; //!< tcp_rto_min in microseconds (TCP_RTO_MIN)
};

} // namespace ns3

#endif /* TCP_LINUX_RTT_ESTIMATOR_H */
