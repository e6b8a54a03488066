/**
 * SNMP byte fixtures, annotated field by field. The requests were sent by Debian's net-snmp
 * 5.9.3 tools (`snmpget`, `snmpgetnext`, `snmpbulkget`, `snmpset`) to a UDP listener on
 * 127.0.0.1 that printed each datagram; the responses are written by hand from RFC 3416.
 */
import { hex } from '../../../helpers/hex';

export { hex };

/** `snmpget -v2c -c public 127.0.0.1:16161 1.3.6.1.2.1.1.1.0` */
export const NETSNMP_GET_V2C = hex(`
  30 29                       # Message SEQUENCE, 41 octets
    02 01 01                  #   version 1 = SNMPv2c
    04 06 7075626c6963        #   community "public"
    a0 1c                     #   GetRequest-PDU, 28 octets
      02 04 77e53185          #     request-id 2011509125
      02 01 00                #     error-status 0
      02 01 00                #     error-index 0
      30 0e                   #     variable-bindings
        30 0c                 #       VarBind
          06 08 2b06010201010100   # name 1.3.6.1.2.1.1.1.0 (sysDescr.0)
          05 00               #         value NULL
`);

/** `snmpgetnext -v1 -c public 127.0.0.1:16161 1.3.6.1.2.1.43.11.1.1.9` */
export const NETSNMP_GETNEXT_V1 = hex(`
  30 2b                       # Message
    02 01 00                  #   version 0 = SNMPv1
    04 06 7075626c6963        #   community "public"
    a1 1e                     #   GetNextRequest-PDU
      02 04 129c2b9c          #     request-id 312224668
      02 01 00 02 01 00       #     error-status 0, error-index 0
      30 10 30 0e             #     variable-bindings, VarBind
        06 0a 2b060102012b0b010109 #   1.3.6.1.2.1.43.11.1.1.9 (prtMarkerSuppliesLevel)
        05 00                 #       NULL
`);

/** `snmpbulkget -v2c -c public -Cn1 -Cr5 127.0.0.1:16161 1.3.6.1.2.1.1.3 1.3.6.1.2.1.43.8.2.1.10` */
export const NETSNMP_GETBULK_V2C = hex(`
  30 38                       # Message
    02 01 01                  #   SNMPv2c
    04 06 7075626c6963        #   "public"
    a5 2b                     #   GetBulkRequest-PDU
      02 04 3bc6bfed          #     request-id 1002881005
      02 01 01                #     non-repeaters 1
      02 01 05                #     max-repetitions 5
      30 1d
        30 0b 06 07 2b060102010103 05 00      # 1.3.6.1.2.1.1.3 (sysUpTime)
        30 0e 06 0a 2b060102012b0802010a 05 00 # 1.3.6.1.2.1.43.8.2.1.10 (prtInputCurrentLevel)
`);

/** `snmpset -v2c -c private 127.0.0.1:16161 1.3.6.1.2.1.1.5.0 s NewName` */
export const NETSNMP_SET_V2C = hex(`
  30 31                       # Message
    02 01 01                  #   SNMPv2c
    04 07 70726976617465      #   "private"
    a3 23                     #   SetRequest-PDU
      02 04 2e28487c          #     request-id 774391932
      02 01 00 02 01 00
      30 15 30 13
        06 08 2b06010201010500 #    sysName.0
        04 07 4e65774e616d65  #       OCTET STRING "NewName"
`);
