/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-linux-rtt-estimator.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpLinuxRttEstimator");
NS_OBJECT_ENSURE_REGISTERED(TcpLinuxRttEstimator);

TypeId
TcpLinuxRttEstimator::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpLinuxRttEstimator")
                            .SetParent<RttEstimator>()
                            .SetGroupName("TcpFastOpen")
                            .AddConstructor<TcpLinuxRttEstimator>();
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpLinuxRttEstimator)

TcpLinuxRttEstimator::TcpLinuxRttEstimator()
{
    NS_LOG_FUNCTION(this);
}

TcpLinuxRttEstimator::TcpLinuxRttEstimator(const TcpLinuxRttEstimator& r)
    : RttEstimator(r),
      m_srttUs8(r.m_srttUs8),
      m_mdevUs4(r.m_mdevUs4),
      m_mdevMaxUs4(r.m_mdevMaxUs4),
      m_rttvarUs4(r.m_rttvarUs4),
      m_rttSeq(r.m_rttSeq),
      m_sndUna(r.m_sndUna),
      m_sndNxt(r.m_sndNxt),
      m_rtoMinUs(r.m_rtoMinUs)
{
    NS_LOG_FUNCTION(this);
}

Ptr<RttEstimator>
TcpLinuxRttEstimator::Copy() const
{
    return CopyObject<TcpLinuxRttEstimator>(this);
}

void
TcpLinuxRttEstimator::Reset()
{
    NS_LOG_FUNCTION(this);
    RttEstimator::Reset();
    m_srttUs8 = 0;
    m_mdevUs4 = 0;
    m_mdevMaxUs4 = 0;
    m_rttvarUs4 = 0;
}

void
TcpLinuxRttEstimator::SetConnectionState(SequenceNumber32 sndUna,
                                         SequenceNumber32 sndNxt,
                                         Time rtoMin)
{
    m_sndUna = sndUna;
    m_sndNxt = sndNxt;
    m_rtoMinUs = rtoMin.GetMicroSeconds();
}

void
TcpLinuxRttEstimator::Measurement(Time measure)
{
    NS_LOG_FUNCTION(this << measure);
    int64_t m = std::max<int64_t>(measure.GetMicroSeconds(), 1);
    if (m_nSamples == 0)
    {
        // No previous measure: srtt = m, mdev = m / 2 (RTO = 3 m), rttvar at
        // least rto_min.
        m_srttUs8 = m << 3;
        m_mdevUs4 = m << 1;
        m_rttvarUs4 = std::max(m_mdevUs4, m_rtoMinUs);
        m_mdevMaxUs4 = m_rttvarUs4;
        m_rttSeq = m_sndNxt;
    }
    else
    {
        m -= (m_srttUs8 >> 3); // the error of the estimate
        m_srttUs8 += m;        // srtt = 7/8 srtt + 1/8 sample
        if (m < 0)
        {
            // A sample below srtt: mdev moves with gain 1/32, not 1/4.
            m = -m - (m_mdevUs4 >> 2);
            if (m > 0)
            {
                m >>= 3;
            }
        }
        else
        {
            m -= (m_mdevUs4 >> 2);
        }
        m_mdevUs4 += m; // mdev = 3/4 mdev + 1/4 |error|
        if (m_mdevUs4 > m_mdevMaxUs4)
        {
            m_mdevMaxUs4 = m_mdevUs4;
            m_rttvarUs4 = std::max(m_rttvarUs4, m_mdevMaxUs4);
        }
        if (m_sndUna > m_rttSeq)
        {
            // A round trip ended: rttvar decays towards its largest mdev.
            if (m_mdevMaxUs4 < m_rttvarUs4)
            {
                m_rttvarUs4 -= (m_rttvarUs4 - m_mdevMaxUs4) >> 2;
            }
            m_rttSeq = m_sndNxt;
            m_mdevMaxUs4 = m_rtoMinUs;
        }
    }
    m_srttUs8 = std::max<int64_t>(m_srttUs8, 1);
    m_nSamples++;
    Publish();
}

void
TcpLinuxRttEstimator::Publish()
{
    m_estimatedRtt = MicroSeconds(m_srttUs8 >> 3);
    // In nanoseconds, so that 4 * variation is rttvar exactly.
    m_estimatedVariation = NanoSeconds(m_rttvarUs4 * 250);
    NS_LOG_LOGIC(this << " srtt " << m_estimatedRtt.As(Time::US) << " rttvar "
                      << MicroSeconds(m_rttvarUs4).As(Time::US));
}

} // namespace ns3
